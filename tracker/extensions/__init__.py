"""Deadline extensions (gia hạn): the lead agency asks, the office or the leader decides."""
