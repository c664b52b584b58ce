"""The vocabulary: ontology terms, code lists, namespaces and the instance IRI scheme."""
