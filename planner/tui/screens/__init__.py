"""The screens of the terminal UI, one module per screen, loaded when first shown."""
