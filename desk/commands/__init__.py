"""The sub-commands of ``desk``, one module per family; ``base`` holds what they share.

Every module has ``add_commands(commands)``; ``desk.cli`` imports them and assembles the
parser. Nothing here imports ``desk.cli`` back.
"""
