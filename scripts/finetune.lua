-- Transfer learning in one script: pretrain ShortCNN on a large synthetic data set, then
-- fine-tune it on a small, noisier one at every fine-tuning level, three seeds each, with
-- training from scratch as the baseline. The pretraining run is defined with run { ... }; the
-- planner computes its id, trains it first and starts no fine-tuning run if it fails.
--   build/eorun scripts/finetune.lua --jobs 2 --dry-run   (the order: the parent first)
--   build/eorun scripts/finetune.lua --jobs 2
--   build/eorun query --best f1_macro --group-by model.finetune --where "dataset.train = 96"
-- (--where leaves out the pretraining run; threads per run depend on --jobs and are part of
-- each run's id, so plan with the --jobs you run with.)
local model = { plugin = "shortcnn", input_size = 32 }
local loss = { plugin = "bce" }

local pretrain = run {
  dataset = { plugin = "synthetic", classes = 8, size = 32, seed = 7, noise = 0.5,
              train = 1024, val = 128, test = 128 },
  model = model,
  loss = loss,
  train = { epochs = 4, batch_size = 32, lr = 2e-3, seed = 1 },
}

return sweep {
  name = "finetune",
  base = {
    dataset = { plugin = "synthetic", classes = 8, size = 32, seed = 7, noise = 1.0,
                train = 96, val = 128, test = 128 },
    model = model,
    loss = loss,
    train = { epochs = 6, batch_size = 16, lr = 1e-3 },
  },
  -- Levels and their parent in pairs: scratch has none.
  zip = {
    ["model.finetune"]   = { "scratch", "head", "last:1", "all" },
    ["model.pretrained"] = { "", pretrain, pretrain, pretrain },
  },
  grid = { ["train.seed"] = { 1, 2, 3 } },
}
