"""The desktop window (PyQt6): menus, docks, time bar, dialogs and presentation mode."""
