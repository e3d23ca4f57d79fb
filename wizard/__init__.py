"""Tracking Domain Wizard: vendor DNS records put in place, watched until live, rolled back."""

__version__ = "0.1.0"
