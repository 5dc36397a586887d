"""Jupiter's magnetic field: JRM33 internal field, Con2020 current sheet, field-line tracing."""
