"""Stage: document trees become phrase and outline records for the library. Entry: miner.mine_corpus (then
miner.write_library); slot.py slots one sentence, outline.py builds outline skeletons.
"""
