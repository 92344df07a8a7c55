// Tests for the keys module live here.
