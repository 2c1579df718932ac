"""Typed data objects for the two inputs (procedure, municipality settings) and the fixed vocabularies."""

from generator.model.catalog import Catalog
from generator.model.municipality import Department, LocalProcedure, Municipality
from generator.model.procedure import Procedure, Step
from generator.model.vocabulary import Category, LifeEvent, PinKind

__all__ = [
    "Catalog", "Category", "Department", "LifeEvent", "LocalProcedure",
    "Municipality", "PinKind", "Procedure", "Step",
]
