"""The office enters and assigns items."""
