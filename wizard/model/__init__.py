"""The shared kernel: records, changes, names, servers, errors and DNS forms.

It imports nothing else of the project, so providers, the core and both faces can build on it.
"""
