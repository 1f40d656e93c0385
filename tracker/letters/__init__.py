"""Urging letters (văn bản đôn đốc): drafted from the overdue list, issued with a number and
a signer, recorded on each item, printed as Word and PDF."""
