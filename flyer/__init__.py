"""flyer: one YAML content file → a printable, clickable PDF flyer with a QR code per resource."""

__version__ = "0.1.0"
