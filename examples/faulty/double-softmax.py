"""A PyTorch classifier whose forward ends in softmax, trained with nn.CrossEntropyLoss.

CrossEntropyLoss applies log_softmax itself, so the softmax is applied twice: the loss only ever sees values in
[0, 1], cannot reach confident predictions, and its gradient is squashed. PyTorch does not warn.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Classifier(nn.Module):
    def __init__(self, features: int = 20, classes: int = 5):
        super().__init__()
        self.hidden = nn.Linear(features, 64)
        self.out = nn.Linear(64, classes)

    def forward(self, x):
        x = F.relu(self.hidden(x))
        return F.softmax(self.out(x), dim=1)


model = Classifier()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)


def train(loader):
    for inputs, labels in loader:
        optimizer.zero_grad()
        loss = criterion(model(inputs), labels)
        loss.backward()
        optimizer.step()
