"""IPython settings of the kernels that grade (nbgrader_config.py points IPYTHONDIR here)."""

c = get_config()  # noqa: F821 (IPython defines it when it reads this file)

# An error shows as one line, "AssertionError: <the check's message>", with no code: IPython's usual
# traceback quotes the lines around the error, and in a test cell those are the hidden tests, which
# would then show in the students' feedback (nbgrader issue 917).
c.InteractiveShell.xmode = "Minimal"
