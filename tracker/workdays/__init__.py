"""The working calendar: weekends, public holidays and the office's swapped days."""
