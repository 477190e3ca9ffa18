"""Shared by the week 13 specs: the README's rule "use raw tensors for the model (no torch.nn layers;
F.cross_entropy and softmax are fine)", enforced while the submission's model functions run."""
NO_NN_LAYERS = ("torch.nn.Linear", "torch.nn.Embedding", "torch.nn.Tanh", "torch.nn.Flatten", "torch.nn.Sequential",
                "torch.nn.BatchNorm1d", "torch.nn.LayerNorm", "torch.nn.ModuleList", "torch.nn.ParameterList")
