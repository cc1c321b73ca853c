"""The review app's screens: the queue, a group's detail, and the dialogs."""
