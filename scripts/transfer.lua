-- RGB-pretrained weights on twelve bands: a ResNet-18 pretrained on three bands (B04, B03, B02)
-- is fine-tuned on BigEarthNet's twelve Sentinel-2 bands with every way of fitting its first
-- layer (model.band_adapt: by_name, tile, random, conv1x1) at two fine-tuning levels, two seeds
-- each (16 runs), with training from scratch on the twelve bands as the baseline (2 runs).
-- Synthetic data; a few minutes on 2 cores.
--   build/eorun scripts/transfer.lua --jobs 2
--   build/eorun query --group-by model.band_adapt,model.finetune --best f1_macro --sweep transfer \
--     --where "dataset.train = 96"      (leaves out the RGB pretraining run)
-- The pretrained weights could as well be a file: model.pretrained = "file:resnet18_rgb.pt"
-- (a torch.save state dict or .safetensors, e.g. torchvision's ImageNet weights).
local twelve = { "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12" }
local model = { plugin = "resnet", depth = 18 }
local loss = { plugin = "bce" }

local rgb = run {
  dataset = { plugin = "synthetic", classes = 6, size = 40, seed = 11, noise = 0.6,
              bands = { "B04", "B03", "B02" }, train = 512, val = 64, test = 64 },
  model = model,
  loss = loss,
  train = { epochs = 3, batch_size = 32, lr = 1e-3, seed = 1 },
}

return sweep {
  name = "transfer",
  base = {
    dataset = { plugin = "synthetic", classes = 6, size = 40, seed = 11, noise = 1.0,
                bands = twelve, train = 96, val = 64, test = 64 },
    model = model,
    loss = loss,
    train = { epochs = 3, batch_size = 16, lr = 1e-3 },
  },
  -- Every band_adapt at two levels, and training from scratch (no pretrained weights, so no
  -- band_adapt) as the baseline.
  zip = {
    ["model.band_adapt"] = { "by_name", "by_name", "tile", "tile", "random", "random", "conv1x1", "conv1x1", "" },
    ["model.finetune"]   = { "head", "all", "head", "all", "head", "all", "head", "all", "scratch" },
    ["model.pretrained"] = { rgb, rgb, rgb, rgb, rgb, rgb, rgb, rgb, "" },
  },
  grid = { ["train.seed"] = { 1, 2 } },
}
