"""Plugins for tests, shipped with the engine so third-party plugin authors can use them too.

``forum.testing_plugins.note`` is a fake content type: enable it next to the plugin under test
(``make_app(plugins=["forum.testing_plugins.note", "myplugin"])``) to test reactions, comments
or moderation on member entries without depending on a real content plugin.
"""
