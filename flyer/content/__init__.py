"""Stage 1, the input: YAML with positions → the validated `Flyer`, its addresses, overrides, variants, logos."""
