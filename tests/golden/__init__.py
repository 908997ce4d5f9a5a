"""Golden outputs: what the renderers make of the fixture database, kept in git so a review shows it."""
