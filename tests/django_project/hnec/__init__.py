"""An app with citizens, centres and result forms, modelled on the HNEC systems."""
