// Tests for the base module live here.
