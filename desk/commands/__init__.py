"""Sub-commands of ``desk`` that belong to one feature (printing, sync …)."""
