// Tests for the files module live here.
