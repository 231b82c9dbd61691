"""Personal data kept only as long as promised: retention, a business's data export, erasure."""
