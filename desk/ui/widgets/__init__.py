"""Small widgets shared by the desk's screens (fields with messages, person blocks …)."""
