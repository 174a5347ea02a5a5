"""The app's screens: each shows part of the state and acts through desktop/operations."""
