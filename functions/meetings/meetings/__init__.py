"""The meetings function: schedule, launch, list, change, cancel and end meetings."""
