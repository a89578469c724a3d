"""A small Django project that uses ``electoral.contrib.django``, for the tests."""
