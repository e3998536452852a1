"""Last year's report as the way in: import it into this year's facts, compare a draft with it, audit a report."""
