"""Qt widgets, views, table models, dialogs and workers. Only this layer imports Qt."""
