-- RGB versus multispectral input, two optimizers, two learning rates, three seeds (24 runs before
-- the filter). Needs a data root named "synth" in eorun.toml:
--   [data]
--   synth = "data/synth"
return sweep {
  name = "rgb-vs-ms",
  base = {
    dataset = { plugin = "bigearthnet", root = data "synth", classes = 19 },
    model   = { plugin = "shortcnn" },
    loss    = { plugin = "bce" },
    train   = { epochs = 3, batch_size = 32 },
  },
  grid = {
    ["train.optimizer"] = { "adam", "sgd" },
    ["train.lr"]        = { 1e-3, 1e-4 },
    ["train.seed"]      = { 1, 2, 3 },
    ["dataset.bands"]   = { "rgb", "ms" },
  },
  -- SGD at 1e-4 barely moves in three epochs: not worth the time.
  filter = function(run) return not (run.train.optimizer == "sgd" and run.train.lr < 1e-3) end,
  -- Twelve bands take more memory per sample.
  derive = function(run) run.train.batch_size = run.dataset.bands == "ms" and 16 or 32 end,
}
