"""The miner's parts: slotting sentences (slot.py) and building outline skeletons (outline.py); entry in generator.mining.miner."""
