"""Shared by the week 03 activation specs."""
# The task asks for these by hand ("elementary tensor operations, not torch.sigmoid, torch.softmax,
# F.cross_entropy and friends"): while the submission's functions run they refuse in the worker, wherever the
# submission bound them (nn.Sigmoid, nn.Softmax, nn.ReLU, nn.CrossEntropyLoss and nn.Dropout call them too)
LIBRARY = ("torch.sigmoid", "torch.sigmoid_", "torch.Tensor.sigmoid", "torch.Tensor.sigmoid_", "torch.special.expit",
           "torch.nn.functional.sigmoid", "torch.nn.functional.logsigmoid",
           "torch.softmax", "torch.Tensor.softmax", "torch.nn.functional.softmax", "torch.special.softmax",
           "torch.nn.functional.softmin", "torch.log_softmax", "torch.Tensor.log_softmax", "torch.nn.functional.log_softmax",
           "torch.special.log_softmax", "torch.nn.functional.cross_entropy", "torch.nn.functional.nll_loss",
           "torch.relu", "torch.relu_", "torch.Tensor.relu", "torch.Tensor.relu_", "torch.nn.functional.relu",
           "torch.nn.functional.relu_", "torch.nn.functional.leaky_relu", "torch.nn.functional.leaky_relu_",
           "torch._C._nn.leaky_relu", "torch._C._nn.leaky_relu_",
           "torch.dropout", "torch.dropout_", "torch.nn.functional.dropout", "torch.nn.functional.dropout1d",
           "torch.nn.functional.alpha_dropout", "torch.feature_dropout", "torch.alpha_dropout")
