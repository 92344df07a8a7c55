// Tests for the words module live here.
