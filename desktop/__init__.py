"""The Skillpath desktop app (PySide6)."""
