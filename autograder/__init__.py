"""The course's autograder: pytest specs with points, run in isolation, reported in plain words."""
