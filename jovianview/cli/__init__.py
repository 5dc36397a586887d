"""Command-line interface: ``jovianview SUBCOMMAND ...``.

Every user error ends in one line on stderr naming the problem and exit status 2.
"""
