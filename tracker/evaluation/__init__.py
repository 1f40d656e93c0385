"""The year-end emulation evaluation (đánh giá thi đua) of agencies: figures, score, weights."""
