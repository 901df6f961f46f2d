"""Files in and out of the planner: the lossless JSON bid format, CSV, Excel workbooks and calendars."""
