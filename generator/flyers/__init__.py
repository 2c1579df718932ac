"""Printable QR flyers for smartphone classes (issue #4): one A4 flyer per procedure, QR cards, a practice
sheet, their PDFs and the staff page that lists them. ``build_flyers`` is the feature's entry point."""

from generator.flyers.feature import FlyerOutput, build_flyers

__all__ = ["FlyerOutput", "build_flyers"]
