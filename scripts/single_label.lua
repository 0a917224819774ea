-- Single-label scene classification on the synthetic data set (one class per sample, as in
-- EuroSAT): three optimizers x two learning rates x two seeds, with softmax cross-entropy. The
-- best epoch is picked by overall accuracy (oa), the single-label default.
--   build/eorun scripts/single_label.lua --jobs 2
--   build/eorun query --best oa --group-by train.optimizer,train.lr
return sweep {
  name = "single-label",
  base = {
    dataset = { plugin = "synthetic", task = "single_label", classes = 10, bands = 13, size = 32,
                train = 512, val = 128, test = 128, seed = 3, noise = 4.0 },
    model   = { plugin = "shortcnn", input_size = 32 },
    loss    = { plugin = "cross_entropy", label_smoothing = 0.1 },
    train   = { epochs = 4, batch_size = 32, scheduler = "cosine" },
  },
  grid = {
    ["train.optimizer"] = { "sgd", "adam", "adamw" },
    ["train.lr"]        = { 1e-3, 1e-2 },
    ["train.seed"]      = { 1, 2 },
  },
}
