"""Synthetic data generators, one module per topic (`course.data.bandits`, ...).

Every generator takes a `seed` and returns numpy/pandas objects; nothing is downloaded.
"""
