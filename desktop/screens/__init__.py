"""The app's screens; each shows part of the AppState and asks the window to change things."""
