"""The exit codes of the ``kg`` command, in the one module both the error classes
(:mod:`kg.errors`) and the command's quick start (:mod:`kg.cli`) read them from: it imports
nothing. The README's exit-code table lists what each code means.
"""

__all__ = ["EXIT_INPUT", "EXIT_OK", "EXIT_VIOLATIONS"]

#: Success.
EXIT_OK = 0
#: The graph does not conform to the shapes.
EXIT_VIOLATIONS = 1
#: Unreadable input, bad usage, a failed remote store or a refusal of the operating system.
EXIT_INPUT = 2
