"""Language helpers shared by the aligner and collation: number words in English and Russian, and
optional Russian morphology (pymorphy3).

They live outside ``workbench.core.aligner`` so that collation (and so the collection browser and
``workbench status``) can use them without importing the aligner, which brings numpy and rapidfuzz.
"""
