"""Everything that goes to the province: the item shape, the outbox, the connector."""
