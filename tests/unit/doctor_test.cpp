// Tests for the doctor module live here.
