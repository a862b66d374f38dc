import pulumi
import pulumi_aws as aws

password = aws.secretsmanager.get_random_password(password_length=40, exclude_punctuation=True)
secret = aws.secretsmanager.Secret("db-master", recovery_window_in_days=7)
aws.secretsmanager.SecretVersion("db-master", secret_id=secret.id, secret_string=pulumi.Output.secret(password.random_password))
