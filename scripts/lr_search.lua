-- A random search over the learning rate and the batch size, 8 runs, reproducible by its seed.
return sweep {
  name = "lr-search",
  seed = 7,
  base = {
    dataset = { plugin = "bigearthnet", root = data "synth", classes = 19, bands = "rgb" },
    model   = { plugin = "shortcnn" },
    loss    = { plugin = "bce" },
    train   = { epochs = 2 },
  },
  random = {
    n = 8,
    space = {
      ["train.lr"]         = loguniform(1e-4, 1e-2),
      ["train.batch_size"] = choice { 16, 32 },
    },
  },
}
